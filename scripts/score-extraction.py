#!/usr/bin/env python3
"""Scores article extraction with the Scrapinghub article-extraction-benchmark metric.

Tokens are \\w+ matches (Unicode); shingles are 4-grams of tokens (a text of fewer than 4
tokens is one shingle). Per page: tp = sum of min(true, pred) shingle counts, fp = sum of
max(0, pred - true), fn = sum of max(0, true - pred), each divided by tp + fp + fn.
Precision = 1 when fp = fn = 0, 0 when tp = fp = 0, else tp / (tp + fp); recall likewise.
P and R are means over pages (pages with tp + fp = 0, resp. tp + fn = 0, left out);
F1 = 2PR / (P + R). Standard library only.

Usage: score-extraction.py DATASET_DIR [--ours OURS.jsonl] [--peers] [--worst N]
The stance line also counts pages with an empty extraction where the truth has text; --peers
scores every file in DATASET_DIR/peer-output/ when the set has that folder.
OURS.jsonl holds `stance ingest --format jsonl` output; a page's id is its file name
before `.html`; its text is the non-heading and heading passages joined by newlines.
"""
import argparse
import json
import os
import re
import sys
from collections import Counter

TOKEN = re.compile(r"\w+")


def shingles(text):
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def page_scores(true_text, pred_text):
    t, p = shingles(true_text), shingles(pred_text)
    tp = sum(min(c, p[k]) for k, c in t.items() if k in p)
    fp = sum(max(0, c - t.get(k, 0)) for k, c in p.items())
    fn = sum(max(0, c - p.get(k, 0)) for k, c in t.items())
    s = tp + fp + fn
    if s == 0:
        return None
    tp, fp, fn = tp / s, fp / s, fn / s
    if fp == 0 and fn == 0:
        return tp, fp, fn, 1.0, 1.0
    precision = 0.0 if tp + fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp + fn == 0 else tp / (tp + fn)
    return tp, fp, fn, precision, recall


def score(truth, predicted):
    ps, rs, rows = [], [], []
    for key in sorted(truth):
        r = page_scores(truth[key]["articleBody"], predicted.get(key, ""))
        if r is None:
            continue
        tp, fp, fn, precision, recall = r
        if tp + fp > 0:
            ps.append(precision)
        if tp + fn > 0:
            rs.append(recall)
        rows.append((key, precision, recall))
    p = sum(ps) / len(ps)
    r = sum(rs) / len(rs)
    return p, r, 2 * p * r / (p + r), rows


def empty_pages(truth, predicted):
    """Pages where the truth has words and the prediction has none (an extraction bug)."""
    return [k for k in truth
            if TOKEN.search(truth[k]["articleBody"] or "") and not TOKEN.search(predicted.get(k, ""))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("--ours")
    ap.add_argument("--peers", action="store_true")
    ap.add_argument("--worst", type=int, default=0)
    args = ap.parse_args()
    truth = json.load(open(os.path.join(args.dataset, "ground-truth.json")))
    print(f"{'tool':<18} {'precision':>9} {'recall':>7} {'F1':>7}")
    if args.ours:
        predicted = {}
        for line in open(args.ours):
            article = json.loads(line)
            key = os.path.basename(article["source"]).split(".html")[0]
            predicted[key] = "\n".join(p["text"] for p in article["passages"])
        p, r, f, rows = score(truth, predicted)
        empty = empty_pages(truth, predicted)
        print(f"{'stance':<18} {p:9.3f} {r:7.3f} {f:7.3f}  ({len(predicted)} pages, {len(empty)} empty)")
        if empty:
            print("empty extraction where the truth has text: " + " ".join(sorted(empty)))
    folder = os.path.join(args.dataset, "peer-output")
    if args.peers and os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            data = json.load(open(os.path.join(folder, name)))
            output = data.get("output", data)
            peer = {k: v.get("articleBody", "") for k, v in output.items()}
            p2, r2, f2, _ = score(truth, peer)
            print(f"{name[:-5]:<18} {p2:9.3f} {r2:7.3f} {f2:7.3f}")
    if args.ours and args.worst:
        print(f"\nworst {args.worst} pages by min(precision, recall):")
        for key, p, r in sorted(rows, key=lambda x: min(x[1], x[2]))[:args.worst]:
            print(f"  {key[:16]}  P={p:.3f} R={r:.3f}")


if __name__ == "__main__":
    sys.exit(main())
