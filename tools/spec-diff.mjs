// `make spec-diff REV=<git revision>`: what changed in openapi/gigstack-v2.yaml between that
// revision and the working tree, breaking changes first.
//
//   node tools/spec-diff.mjs <git revision>
//   node tools/spec-diff.mjs --files <before.yaml> <after.yaml>
//
// Changes are found and classified by api-smart-diff (breaking, deprecated, unclassified,
// non-breaking, annotation); the exit status is 0 whatever changed, 2 on bad input.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { apiCompare } from "api-smart-diff";
import { parse } from "yaml";

const SPEC = "openapi/gigstack-v2.yaml";
// Most urgent first: what breaks clients, then what will, then what nobody could classify.
const ORDER = ["breaking", "deprecated", "unclassified", "non-breaking", "annotation"];
const TITLES = {
  breaking: "Breaking: clients written against the earlier revision may fail",
  deprecated: "Deprecated",
  unclassified: "Unclassified: review by hand",
  "non-breaking": "Non-breaking",
  annotation: "Annotations (descriptions, examples, x- extensions)",
};

function fail(message) {
  process.stderr.write(`spec-diff: ${message}\n`);
  process.exit(2);
}

function git(args) {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    fail(`git ${args.join(" ")}: ${String(error.stderr || error.message).trim()}`);
  }
}

function load(text, where) {
  try {
    return parse(text);
  } catch (error) {
    fail(`${where} is not valid YAML: ${error.message}`);
  }
}

function inputs(argv) {
  if (argv[0] === "--files" && argv.length === 3) {
    return argv.slice(1).map((file) => ({ label: file, text: readFileSync(file, "utf8") }));
  }
  if (argv.length !== 1 || argv[0].startsWith("-")) {
    fail("usage: spec-diff.mjs <git revision> | --files <before> <after>");
  }
  const top = git(["rev-parse", "--show-toplevel"]).trim();
  return [
    { label: argv[0], text: git(["-C", top, "show", `${argv[0]}:${SPEC}`]) },
    { label: "working tree", text: readFileSync(`${top}/${SPEC}`, "utf8") },
  ];
}

function where(path) {
  return path.map(String).join(" › ");
}

const [before, after] = inputs(process.argv.slice(2));
const old = load(before.text, before.label);
const now = load(after.text, after.label);
const { diffs } = apiCompare(old, now);
const version = (doc) => doc?.info?.version ?? "no info.version";
const counts = ORDER.map((type) => `${diffs.filter((d) => d.type === type).length} ${type}`);
console.log(
  `${SPEC}: ${before.label} (${version(old)}) -> ${after.label} (${version(now)}): ` +
    (diffs.length ? counts.join(", ") : "no changes"),
);
for (const type of ORDER) {
  const found = diffs.filter((d) => d.type === type);
  if (found.length === 0) continue;
  console.log(`\n${TITLES[type]} (${found.length})`);
  for (const diff of found) {
    console.log(`  ${diff.description ?? diff.action}\n      at ${where(diff.path)}`);
  }
}
