'use strict';

// The node side of the C# cross-implementation tests: a long-lived process that reads one JSON request per line on
// stdin and answers one JSON line per request on stdout, in order. Requests:
//   {id, op: "encode", lib: "avsc"|"avro-js", schema, value} -> {id, bytes, namespaceWorkaround}
//   {id, op: "decode", lib, schema, bytes}                     -> {id, value, namespaceWorkaround}
//   {id, op: "confluentRegister", subject, schema}             -> {id, schemaId}
//   {id, op: "confluentSerialize", topic, schema, value}       -> {id, bytes}
//   {id, op: "confluentDeserialize", topic, schema, bytes}     -> {id, value}
//   {id, op: "canonical", schema}                              -> {id, avsc, "avro-js", peer, avroJsNamespaceWorkaround}
//   {id, op: "versions"}                                       -> {id, versions}
// A failure answers {id, error}. bytes are base64; schema is the schema's JSON text.
//
// Values travel as "tagged JSON", directed by the schema so that nothing is lost on the way:
//   null, boolean, int: as JSON; long: decimal string (64-bit exact); float, double: a JSON number, or one of the
//   strings "NaN", "Infinity", "-Infinity", "-0"; bytes, fixed: base64; a decimal logical type (on bytes or fixed):
//   the decimal as a string with exactly `scale` fractional digits; string, enum symbol: string; array: array;
//   map: object; record: object by field name; union: [branchIndex, value].
// Other logical types travel as their underlying type (the C# side converts). Both JS libraries run without
// logical types, so what they see is exactly the binary encoding of the underlying types.

const readline = require('readline');
const avsc = require('avsc');
const avroJs = require('avro-js');

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

// Both libraries represent long as a JS number unless given a custom long type; these make it a BigInt, so the
// whole 64-bit range survives (avsc: LongType.__with, avro-js: LongType.using).
const bigIntLongMethods = {
  fromBuffer: (buf) => buf.readBigInt64LE(0),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n, 0);
    return buf;
  },
  fromJSON: (json) => BigInt(json),
  toJSON: (n) => n.toString(),
  isValid: (n) => typeof n === 'bigint' && n >= LONG_MIN && n <= LONG_MAX,
  compare: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
};
const avscLong = avsc.types.LongType.__with(bigIntLongMethods);
const avroJsLong = avroJs.types.LongType.using(bigIntLongMethods);

const isLongSchema = (s) => s === 'long' || (s !== null && typeof s === 'object' && !Array.isArray(s) && s.type === 'long');

function avscOptions() {
  // wrapUnions: union values are {branchName: value}, so the branch is explicit (as in avro-js, which always wraps).
  return { wrapUnions: true, typeHook: (s) => (isLongSchema(s) ? avscLong : undefined) };
}

function avroJsOptions() {
  return { registry: { long: avroJsLong }, typeHook: (s) => (isLongSchema(s) ? avroJsLong : undefined) };
}

const typeCache = new Map();

// avro-js 1.12.1 resolves namespaces with one mutable `opts.namespace` shared by the whole parse: a named type's
// explicit namespace stays in force for everything parsed after it, siblings included, instead of for the types
// nested in it alone (and "" cannot restore the null namespace). Where that changes any name, avro-js is given
// the same schema with every name written in full and no namespace attributes, which it reads as the
// specification does; the names do not reach the binary encoding. The response says when that happened.
function libType(lib, schemaText) {
  const key = lib + '\u0000' + schemaText;
  let entry = typeCache.get(key);
  if (entry === undefined) {
    const schema = JSON.parse(schemaText);
    if (lib === 'avsc') {
      entry = { type: avsc.Type.forSchema(schema, avscOptions()), namespaceWorkaround: false };
    } else if (lib === 'avro-js') {
      let type = null;
      try {
        type = avroJs.parse(JSON.parse(schemaText), avroJsOptions());
      } catch (err) {
        type = null; // e.g. "undefined type name" for a reference the leaked namespace qualified wrongly
      }
      if (type !== null && type.getSchema() === canonicalOf(schemaTree(schemaText))) {
        entry = { type, namespaceWorkaround: false };
      } else {
        entry = { type: avroJs.parse(fullNamesOnly(schema), avroJsOptions()), namespaceWorkaround: true };
      }
    } else {
      throw new Error(`unknown lib '${lib}'`);
    }
    typeCache.set(key, entry);
  }
  return entry;
}

// ---- The schema walker: our own resolution of the schema JSON, independent of either library. ----

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const treeCache = new Map();

function schemaTree(schemaText) {
  let tree = treeCache.get(schemaText);
  if (tree === undefined) {
    tree = walk(JSON.parse(schemaText), null, new Map());
    treeCache.set(schemaText, tree);
  }
  return tree;
}

function fullName(name, namespace, enclosing) {
  if (name.includes('.')) {
    return name;
  }
  const ns = namespace !== undefined ? namespace : enclosing;
  return ns ? `${ns}.${name}` : name;
}

function namespaceOf(full) {
  const dot = full.lastIndexOf('.');
  return dot < 0 ? null : full.slice(0, dot);
}

function walk(s, ns, names) {
  if (typeof s === 'string') {
    if (PRIMITIVES.has(s)) {
      return { type: s };
    }
    const node = names.get(s.includes('.') ? s : fullName(s, undefined, ns)) || names.get(s);
    if (!node) {
      throw new Error(`undefined name ${s}`);
    }
    return node;
  }
  if (Array.isArray(s)) {
    return { type: 'union', branches: s.map((b) => walk(b, ns, names)) };
  }
  if (typeof s.type === 'object') {
    return walk(s.type, ns, names);
  }
  switch (s.type) {
    case 'record':
    case 'error': {
      const name = fullName(s.name, s.namespace, ns);
      const node = { type: 'record', name, fields: [] };
      names.set(name, node);
      const inner = namespaceOf(name);
      for (const f of s.fields) {
        node.fields.push({ name: f.name, type: walk(f.type, inner, names) });
      }
      return node;
    }
    case 'enum': {
      const node = { type: 'enum', name: fullName(s.name, s.namespace, ns), symbols: s.symbols };
      names.set(node.name, node);
      return node;
    }
    case 'fixed': {
      const node = { type: 'fixed', name: fullName(s.name, s.namespace, ns), size: s.size, decimal: decimalOf(s) };
      names.set(node.name, node);
      return node;
    }
    case 'array':
      return { type: 'array', items: walk(s.items, ns, names) };
    case 'map':
      return { type: 'map', values: walk(s.values, ns, names) };
    default:
      if (PRIMITIVES.has(s.type)) {
        return { type: s.type, decimal: s.type === 'bytes' ? decimalOf(s) : null };
      }
      return walk(s.type, ns, names); // a named type referred to as {"type": "Name"}
  }
}

function decimalOf(s) {
  return s.logicalType === 'decimal' ? { precision: s.precision, scale: s.scale || 0 } : null;
}

function branchName(node) {
  return node.name || node.type;
}

/** The specification's Parsing Canonical Form of a walked schema. */
function canonicalOf(root) {
  const emitted = new Set();
  const emit = (node) => {
    switch (node.type) {
      case 'record':
      case 'enum':
      case 'fixed': {
        if (emitted.has(node.name)) {
          return JSON.stringify(node.name);
        }
        emitted.add(node.name);
        const head = `{"name":${JSON.stringify(node.name)},"type":"${node.type}"`;
        if (node.type === 'record') {
          return `${head},"fields":[${node.fields.map((f) => `{"name":${JSON.stringify(f.name)},"type":${emit(f.type)}}`).join(',')}]}`;
        }
        return node.type === 'enum' ? `${head},"symbols":${JSON.stringify(node.symbols)}}` : `${head},"size":${node.size}}`;
      }
      case 'array':
        return `{"type":"array","items":${emit(node.items)}}`;
      case 'map':
        return `{"type":"map","values":${emit(node.values)}}`;
      case 'union':
        return `[${node.branches.map(emit).join(',')}]`;
      default:
        return JSON.stringify(node.type);
    }
  };
  return emit(root);
}

/** The same schema, every attribute kept, with full names in place of names, namespaces and short references. */
function fullNamesOnly(schema) {
  const declared = new Set();
  const rewrite = (s, ns) => {
    if (typeof s === 'string') {
      if (PRIMITIVES.has(s)) {
        return s;
      }
      const full = s.includes('.') ? s : fullName(s, undefined, ns);
      return declared.has(full) ? full : s; // the null-namespace fallback the walker also allows
    }
    if (Array.isArray(s)) {
      return s.map((b) => rewrite(b, ns));
    }
    if (typeof s.type === 'object' || (!PRIMITIVES.has(s.type) && !['record', 'error', 'enum', 'fixed', 'array', 'map'].includes(s.type))) {
      return { ...s, type: rewrite(s.type, ns) };
    }
    const copy = { ...s };
    if (['record', 'error', 'enum', 'fixed'].includes(s.type)) {
      const full = fullName(s.name, s.namespace, ns);
      declared.add(full);
      copy.name = full;
      delete copy.namespace;
      if (s.type === 'record' || s.type === 'error') {
        const inner = namespaceOf(full);
        copy.fields = s.fields.map((f) => ({ ...f, type: rewrite(f.type, inner) }));
      }
    } else if (s.type === 'array') {
      copy.items = rewrite(s.items, ns);
    } else if (s.type === 'map') {
      copy.values = rewrite(s.values, ns);
    }
    return copy;
  };
  return rewrite(schema, null);
}

// ---- Decimals: exact, with BigInt, in big-endian two's complement as the specification stores them. ----

function decimalToBuffer(text, decimal, fixedSize) {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[3] || '').length !== decimal.scale) {
    throw new Error(`'${text}' is not a decimal with scale ${decimal.scale}`);
  }
  let unscaled = BigInt(match[2] + (match[3] || ''));
  if (match[1]) {
    unscaled = -unscaled;
  }
  // Minimal two's complement (as Java's BigInteger.toByteArray), sign-extended to the size of a fixed.
  let length = 1;
  while (unscaled < -(1n << BigInt(8 * length - 1)) || unscaled >= 1n << BigInt(8 * length - 1)) {
    length++;
  }
  const size = fixedSize === undefined ? length : fixedSize;
  if (length > size) {
    throw new Error(`${text} does not fit in ${size} bytes`);
  }
  const buf = Buffer.alloc(size);
  let v = BigInt.asUintN(8 * size, unscaled);
  for (let i = size - 1; i >= 0; i--) {
    buf[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return buf;
}

function bufferToDecimal(buf, decimal) {
  if (buf.length === 0) {
    return formatDecimal(0n, decimal.scale);
  }
  let v = 0n;
  for (const b of buf) {
    v = (v << 8n) | BigInt(b);
  }
  return formatDecimal(BigInt.asIntN(8 * buf.length, v), decimal.scale);
}

function formatDecimal(unscaled, scale) {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

// ---- Tagged JSON <-> the libraries' values (both use the same shapes once unions are wrapped). ----

function toNumber(json) {
  switch (json) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    default:
      if (typeof json !== 'number') {
        throw new Error(`not a number: ${JSON.stringify(json)}`);
      }
      return json;
  }
}

function fromNumber(n) {
  if (Number.isNaN(n)) {
    return 'NaN';
  }
  if (n === Infinity) {
    return 'Infinity';
  }
  if (n === -Infinity) {
    return '-Infinity';
  }
  if (Object.is(n, -0)) {
    return '-0';
  }
  return n;
}

function defineKey(obj, key, value) {
  // Not obj[key] = value: a key such as "__proto__" must stay an own, enumerable entry.
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function toNative(node, json) {
  switch (node.type) {
    case 'null':
      if (json !== null) {
        throw new Error(`expected null, got ${JSON.stringify(json)}`);
      }
      return null;
    case 'boolean':
    case 'int':
    case 'string':
    case 'enum':
      return json;
    case 'long':
      return BigInt(json);
    case 'float':
    case 'double':
      return toNumber(json);
    case 'bytes':
      return node.decimal ? decimalToBuffer(json, node.decimal) : Buffer.from(json, 'base64');
    case 'fixed':
      return node.decimal ? decimalToBuffer(json, node.decimal, node.size) : Buffer.from(json, 'base64');
    case 'array':
      return json.map((item) => toNative(node.items, item));
    case 'map': {
      const map = {};
      for (const key of Object.keys(json)) {
        defineKey(map, key, toNative(node.values, json[key]));
      }
      return map;
    }
    case 'record': {
      const record = {};
      for (const field of node.fields) {
        if (!Object.prototype.hasOwnProperty.call(json, field.name)) {
          throw new Error(`record ${node.name} lacks field ${field.name}`);
        }
        defineKey(record, field.name, toNative(field.type, json[field.name]));
      }
      return record;
    }
    case 'union': {
      const [index, value] = json;
      const branch = node.branches[index];
      if (branch === undefined) {
        throw new Error(`union has no branch ${index}`);
      }
      if (branch.type === 'null') {
        return null;
      }
      const wrapped = {};
      defineKey(wrapped, branchName(branch), toNative(branch, value));
      return wrapped;
    }
    default:
      throw new Error(`unknown schema type ${node.type}`);
  }
}

function fromNative(node, value) {
  switch (node.type) {
    case 'null':
      return null;
    case 'boolean':
    case 'int':
    case 'string':
    case 'enum':
      return value;
    case 'long':
      return BigInt(value).toString();
    case 'float':
    case 'double':
      return fromNumber(value);
    case 'bytes':
    case 'fixed':
      return node.decimal ? bufferToDecimal(value, node.decimal) : Buffer.from(value).toString('base64');
    case 'array':
      return value.map((item) => fromNative(node.items, item));
    case 'map': {
      const map = {};
      for (const key of Object.keys(value)) {
        defineKey(map, key, fromNative(node.values, value[key]));
      }
      return map;
    }
    case 'record': {
      const record = {};
      for (const field of node.fields) {
        defineKey(record, field.name, fromNative(field.type, value[field.name]));
      }
      return record;
    }
    case 'union': {
      if (value === null) {
        const nullIndex = node.branches.findIndex((b) => b.type === 'null');
        if (nullIndex < 0) {
          throw new Error('null for a union without a null branch');
        }
        return [nullIndex, null];
      }
      const keys = Object.keys(value);
      const index = node.branches.findIndex((b) => branchName(b) === keys[0]);
      if (keys.length !== 1 || index < 0) {
        throw new Error(`unexpected union value with keys ${JSON.stringify(keys)}`);
      }
      return [index, fromNative(node.branches[index], value[keys[0]])];
    }
    default:
      throw new Error(`unknown schema type ${node.type}`);
  }
}

function encode(type, native) {
  const problems = [];
  type.isValid(native, {
    errorHook: (path, val, t) => {
      // avsc passes (path, value, type); avro-js passes (path, value, type) too.
      problems.push(`${(path || []).join('.')}: ${String(val)} is not a valid ${t && (t.branchName || t.typeName || t._name || t.toJSON && JSON.stringify(t.toJSON()))}`);
    },
  });
  if (problems.length > 0) {
    throw new Error(`invalid value: ${problems.slice(0, 3).join('; ')}`);
  }
  return type.toBuffer(native);
}

// ---- Confluent's serializer and deserializer, with the library's own in-memory registry (mock:// URL). ----

// Loaded on first use: the package pulls in the cloud KMS SDKs, which take a second to load.
let confluent = null;

function confluentSerdes() {
  if (confluent === null) {
    const sr = require('@confluentinc/schemaregistry');
    const client = sr.SchemaRegistryClient.newClient({ baseURLs: ['mock://cross-implementation'] });
    confluent = {
      client,
      serializer: new sr.AvroSerializer(client, sr.SerdeType.VALUE, confluentConf()),
      deserializer: new sr.AvroDeserializer(client, sr.SerdeType.VALUE, confluentConf()),
    };
  }
  return confluent;
}

function confluentConf() {
  // Serialize with the version registered under the subject (not a schema inferred from the value), and pass our
  // avsc options through (the serdes hand them to avsc's Type.forSchema).
  return { useLatestVersion: true, autoRegisterSchemas: false, ...avscOptions() };
}


function packageVersion(name) {
  return require(`${name}/package.json`).version;
}

function schemaregistryVersion() {
  const path = require('path');
  const fs = require('fs');
  // The package's exports map hides package.json; read it next to the resolved entry point instead.
  let dir = path.dirname(require.resolve('@confluentinc/schemaregistry'));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== '@confluentinc/schemaregistry') {
    const parent = path.dirname(dir);
    if (parent === dir) {
      return 'unknown';
    }
    dir = parent;
  }
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

async function handle(request) {
  switch (request.op) {
    case 'encode': {
      const { type, namespaceWorkaround } = libType(request.lib, request.schema);
      const native = toNative(schemaTree(request.schema), request.value);
      return { bytes: encode(type, native).toString('base64'), namespaceWorkaround };
    }
    case 'decode': {
      const { type, namespaceWorkaround } = libType(request.lib, request.schema);
      const native = type.fromBuffer(Buffer.from(request.bytes, 'base64'));
      return { value: fromNative(schemaTree(request.schema), native), namespaceWorkaround };
    }
    case 'confluentRegister':
      return { schemaId: await confluentSerdes().client.register(request.subject, { schemaType: 'AVRO', schema: request.schema }) };
    case 'confluentSerialize': {
      const native = toNative(schemaTree(request.schema), request.value);
      const bytes = await confluentSerdes().serializer.serialize(request.topic, native);
      return { bytes: Buffer.from(bytes).toString('base64') };
    }
    case 'confluentDeserialize': {
      const native = await confluentSerdes().deserializer.deserialize(request.topic, Buffer.from(request.bytes, 'base64'));
      return { value: fromNative(schemaTree(request.schema), native) };
    }
    case 'canonical': {
      // Each library's Parsing Canonical Form of the schema (both compute it for their fingerprints), and this
      // file's own (the walker's), which decides whether avro-js needs the namespace workaround.
      const avroJsEntry = libType('avro-js', request.schema);
      return {
        avsc: JSON.stringify(avsc.Type.forSchema(JSON.parse(request.schema)).schema()),
        'avro-js': avroJsEntry.type.getSchema(),
        peer: canonicalOf(schemaTree(request.schema)),
        avroJsNamespaceWorkaround: avroJsEntry.namespaceWorkaround,
      };
    }
    case 'versions':
      return {
        versions: {
          node: process.versions.node,
          avsc: packageVersion('avsc'),
          'avro-js': packageVersion('avro-js'),
          '@confluentinc/schemaregistry': schemaregistryVersion(),
        },
      };
    default:
      throw new Error(`unknown op '${request.op}'`);
  }
}

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let queue = Promise.resolve();
input.on('line', (line) => {
  if (line.trim() === '') {
    return;
  }
  queue = queue.then(async () => {
    let request;
    let response;
    try {
      request = JSON.parse(line);
      response = { id: request.id, ...(await handle(request)) };
    } catch (err) {
      response = { id: request ? request.id : null, error: String(err && err.stack ? err.stack : err) };
    }
    process.stdout.write(JSON.stringify(response) + '\n');
  });
});
input.on('close', () => {
  queue.then(() => process.exit(0));
});
