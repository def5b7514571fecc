#!/usr/bin/env python3
"""Runs `stance` on Spark executors: classification of JSONL or WARC shards, and sharded training.

  spark-submit scripts/spark/stance_spark.py classify --stance BIN [--model M] --input jsonl|warc
      --output DIR [--format jsonl|parquet] [--partitions N] INPUT...
  spark-submit scripts/spark/stance_spark.py train --stance BIN --output MODEL [--partitions N]
      [--flags "--variant multinomial --ngram-range 1...2 --binary"] INPUT.jsonl...

classify, --input jsonl: the records' lines are split into partitions and each partition is piped
  through one `stance classify --input jsonl --format jsonl -`; results keep the input order within
  and across partitions.
classify, --input warc: one partition per WARC file; each runs `stance classify --input warc
  --format jsonl FILE` and yields its lines (one JSON object per page, in file order).
  Output: DIR/part-NNNNN text files of JSON lines (`--format jsonl`), or a Parquet table with
  columns `source`/`id`, `label` and `json` (the whole result) (`--format parquet`).
  Bad input (a malformed JSONL line, a malformed WARC record) is reported by stance in the
  executor's log and the rest is classified; the job then exits 65 and says how many partitions
  held some. (Line numbers in those reports count within the partition: `<stdin>:LINE`.)
train: the corpus lines are split into partitions; each partition is written to a local file and
  trained with `stance train FLAGS`; the driver collects the partition models and adds them up with
  `stance merge`, which gives the model one `stance train FLAGS` over all the data gives, byte for
  byte (counts add; nothing depends on the order). --calibrate needs the whole corpus and is refused.

BIN is the `stance` binary on every executor: a path that exists on each machine, or the name of a
file shipped with `spark-submit --files /path/to/stance` (found with SparkFiles.get); --model M
is looked up the same way. Build it
with `swift build -c release --static-swift-stdlib` so executors need only libxml2 and zlib.
Inputs must be paths every executor can read (a shared filesystem, or HDFS/S3 for JSONL, which
Spark reads itself); WARC files are opened by the stance process, so they must be local paths
visible on the executors.
"""
import argparse
import itertools
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading


def shipped(name, what):
    """A file the job needs on an executor: the path given when it exists there, else the file of
    that name shipped with spark-submit --files (SparkFiles)."""
    if os.path.exists(name):
        return os.path.abspath(name)
    from pyspark import SparkFiles
    path = SparkFiles.get(os.path.basename(name))
    if os.path.exists(path):
        return path
    raise RuntimeError("stance_spark: no %s at %s (give a path every executor sees, or ship it with --files)" % (what, name))


def stance_binary(name):
    return shipped(name, "stance binary")


def run_checked(command, **kw):
    result = subprocess.run(command, capture_output=True, **kw)
    if result.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(command), result.returncode,
                                                 result.stderr.decode("utf-8", "replace")[-2000:]))
    return result


def feed(process, rows):
    try:
        for row in rows:
            process.stdin.write(row.encode("utf-8") + b"\n")
    except BrokenPipeError:
        pass
    finally:
        try:
            process.stdin.close()
        except BrokenPipeError:
            pass


def classify(spark, args):
    sc = spark.sparkContext
    binary = args.stance
    model_name = args.model

    # Partitions (or WARC files) in which stance reported bad input (exit 65) but classified the rest.
    bad = sc.accumulator(0)

    def model():
        return ["--model", shipped(model_name, "model")] if model_name else []
    if args.input == "jsonl":
        lines = sc.textFile(",".join(args.inputs), minPartitions=args.partitions)

        def pipe(rows):
            rows = iter(rows)
            first = next(rows, None)
            if first is None:  # an empty partition: stance would refuse empty input
                return
            rows = itertools.chain([first], rows)
            # One stance process per partition, fed on a thread while its output is read, so
            # neither side blocks on a full pipe; the binary is looked up on the executor.
            process = subprocess.Popen([stance_binary(binary), "classify", *model(), "--input", "jsonl", "--format", "jsonl", "-"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            errors = []
            feeder = threading.Thread(target=feed, args=(process, rows))
            drain = threading.Thread(target=lambda: errors.append(process.stderr.read()))
            feeder.start()
            drain.start()
            for line in process.stdout:
                yield line.decode("utf-8").rstrip("\n")
            feeder.join()
            drain.join()
            settle(process.wait(), errors[0], bad)
        results = lines.mapPartitions(pipe)
    else:
        files = sc.parallelize(args.inputs, len(args.inputs))

        def run(paths):
            for path in paths:
                out = subprocess.run([stance_binary(binary), "classify", *model(), "--input", "warc", "--format", "jsonl", path],
                                     capture_output=True)
                settle(out.returncode, out.stderr, bad)
                for line in out.stdout.decode("utf-8").splitlines():
                    yield line
        results = files.mapPartitions(run)
    if args.format == "jsonl":
        results.saveAsTextFile(args.output)
    else:
        import json
        from pyspark.sql import Row

        def row(line):
            item = json.loads(line)
            key = item.get("source", item.get("id"))
            return Row(source=None if key is None else str(key), label=item.get("label"), json=line)
        spark.createDataFrame(results.map(row), "source string, label string, json string").write.parquet(args.output)
    if bad.value:
        print("stance_spark: %d partition(s) held inputs stance could not read (exit 65); the rest were classified "
              "and their errors are in the executors' logs" % bad.value, file=sys.stderr)
    return 65 if bad.value else 0


def settle(status, stderr, bad):
    """Passes on stance's errors: bad input (65) is counted and logged, the good records kept;
    any other failure fails the task."""
    text = stderr.decode("utf-8", "replace")
    if status == 65:
        bad.add(1)
        sys.stderr.write(text)
    elif status != 0:
        raise RuntimeError("stance classify exited %d: %s" % (status, text[-2000:]))


def train(spark, args):
    flags = shlex.split(args.flags)
    if "--calibrate" in flags or "--update" in flags:
        raise SystemExit("stance_spark: --calibrate and --update need the whole corpus; train without them")
    sc = spark.sparkContext
    lines = sc.textFile(",".join(args.inputs), minPartitions=args.partitions)
    binary = args.stance

    def train_partition(index, rows):
        folder = tempfile.mkdtemp(prefix="stance-part-")
        try:
            corpus = os.path.join(folder, "part.jsonl")
            count = 0
            with open(corpus, "w", encoding="utf-8") as f:
                for line in rows:
                    if line.strip():
                        f.write(line + "\n")
                        count += 1
            if count == 0:
                return
            model = os.path.join(folder, "part.stance")
            run_checked([stance_binary(binary), "train", *flags, "-o", model, corpus])
            with open(model, "rb") as f:
                yield index, f.read()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    parts = sorted(lines.mapPartitionsWithIndex(train_partition).collect())
    if not parts:
        raise SystemExit("stance_spark: the corpus has no lines")
    folder = tempfile.mkdtemp(prefix="stance-merge-")
    try:
        paths = []
        for index, data in parts:
            path = os.path.join(folder, "part-%05d.stance" % index)
            with open(path, "wb") as f:
                f.write(data)
            paths.append(path)
        if len(paths) == 1:
            shutil.copyfile(paths[0], args.output + ".tmp")
            os.replace(args.output + ".tmp", args.output)
        else:
            # The driver runs merge: it needs the binary locally (an absolute path, as on executors).
            run_checked([stance_binary(binary), "merge", *paths, "-o", args.output])
        print("stance_spark: %d partition models merged into %s" % (len(paths), args.output), file=sys.stderr)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def parser():
    """The job's command line: `classify ...` or `train ...` (see the module's doc)."""
    parser = argparse.ArgumentParser(description="Run stance on Spark.")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("classify")
    c.add_argument("--stance", required=True)
    c.add_argument("--model")
    c.add_argument("--input", choices=["jsonl", "warc"], required=True)
    c.add_argument("--output", required=True)
    c.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    c.add_argument("--partitions", type=int, default=2)
    c.add_argument("inputs", nargs="+")
    t = sub.add_parser("train")
    t.add_argument("--stance", required=True)
    t.add_argument("--output", required=True)
    t.add_argument("--flags", default="")
    t.add_argument("--partitions", type=int, default=2)
    t.add_argument("inputs", nargs="+")
    return parser


def run(spark, argv):
    """Runs one command line in `spark`; returns the exit status (0, or 65 after bad input)."""
    args = parser().parse_args(argv)
    if args.command == "classify":
        return classify(spark, args)
    train(spark, args)
    return 0


def main():
    argv = sys.argv[1:]
    parser().parse_args(argv)  # usage errors before Spark starts
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.appName("stance-" + argv[0]).getOrCreate()
    try:
        status = run(spark, argv)
    finally:
        spark.stop()
    sys.exit(status)


if __name__ == "__main__":
    main()
