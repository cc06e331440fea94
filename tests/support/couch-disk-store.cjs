// A LevelDOWN store for pouchdb-server's --level-backend, used by couch.mjs
// when a test asks for `storage: "disk"`: jsondown (each database held in
// memory and written out whole as data.json after every write, the write
// acknowledged only once the file is written), except that the file is
// written beside the old one and renamed over it, so a server killed in the
// middle of a write leaves the previous file whole rather than half of it.
// pouchdb-server's own on-disk store (leveldown) is an optional, native
// dependency that this project does not install.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const util = require("node:util");
const JsonDOWN = require("jsondown");

function DiskStore(location) {
  if (!(this instanceof DiskStore)) return new DiskStore(location);
  JsonDOWN.call(this, location);
}
util.inherits(DiskStore, JsonDOWN);

function serialize(store) {
  const out = {};
  for (const location of Object.keys(store)) {
    const tree = {};
    store[location].forEach((key, value) => {
      tree[key] = value;
    });
    out[location] = tree;
  }
  return JSON.stringify(out);
}

DiskStore.prototype._writeToDisk = function (cb) {
  if (this._isWriting) return this._queuedWrites.push(cb);
  this._isWriting = true;
  const file = this.location.slice(-5) === ".json" ? this.location : path.join(this.location, "data.json");
  const temp = `${file}.${process.pid}.tmp`;
  const done = (err) => {
    const queued = this._queuedWrites.splice(0);
    this._isWriting = false;
    if (queued.length) this._writeToDisk((e) => queued.forEach((q) => q(e)));
    cb(err);
  };
  fs.writeFile(temp, serialize(this._store), { encoding: "utf-8" }, (err) => {
    if (err) return done(err);
    fs.rename(temp, file, done);
  });
};

module.exports = DiskStore;
