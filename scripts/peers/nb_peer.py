#!/usr/bin/env python3
"""Peer runner for scripts/bench-classifier: scikit-learn naive Bayes (and fastText when installed)
on the same data and folds as `stance evaluate`, printing one JSON line of results.

Cross-validation:  nb_peer.py --tool sklearn --data DATA.jsonl --folds FOLDS [--variant ...]
Train/test split:  nb_peer.py --tool sklearn --train TRAIN.jsonl --test TEST.jsonl [--variant ...]
Timing covers vectorising + fitting (train) and transforming + predicting (predict), summed over
folds; reading the JSONL is excluded, as it is for the Swift side's fold timings.
"""
import argparse
import json
import random
import sys
import time


def read_jsonl(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                texts.append(row["text"])
                labels.append(row["label"])
    return texts, labels


def read_folds(path):
    with open(path) as f:
        return [int(x) for x in f.read().split()]


def sklearn_model(args):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import ComplementNB, MultinomialNB

    def train(texts, labels):
        vec = CountVectorizer(ngram_range=(1, args.ngram_max), binary=args.binary)
        x = vec.fit_transform(texts)
        nb = (ComplementNB if args.variant == "complement" else MultinomialNB)(alpha=args.alpha)
        nb.fit(x, labels)
        return lambda test: list(nb.predict(vec.transform(test)))

    return train


def fasttext_model(args):
    import os
    import tempfile

    import fasttext

    def clean(text):
        return " ".join(text.split())

    def train(texts, labels):
        order = list(range(len(texts)))
        random.Random(args.seed).shuffle(order)  # data files are sorted by label
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            for i in order:
                f.write("__label__%s %s\n" % (labels[i].replace(" ", "_"), clean(texts[i])))
            path = f.name
        try:
            model = fasttext.train_supervised(
                input=path, dim=10, epoch=args.epochs, lr=args.lr, wordNgrams=args.ngram_max,
                minCount=1, thread=1, seed=args.seed, verbose=0)
        finally:
            os.unlink(path)
        names = {l.replace(" ", "_"): l for l in set(labels)}

        def predict(test):
            out = model.predict([clean(t) for t in test], k=1)[0]
            return [names[p[0][len("__label__"):]] for p in out]

        return predict

    return train


def scores(truth, predicted):
    labels = sorted(set(truth) | set(predicted))
    correct = sum(t == p for t, p in zip(truth, predicted))
    f1s = []
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(truth, predicted))
        fp = sum(t != label and p == label for t, p in zip(truth, predicted))
        fn = sum(t == label and p != label for t, p in zip(truth, predicted))
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return correct / len(truth), sum(f1s) / len(f1s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", choices=["sklearn", "fasttext"], default="sklearn")
    ap.add_argument("--data")
    ap.add_argument("--folds")
    ap.add_argument("--train")
    ap.add_argument("--test")
    ap.add_argument("--variant", choices=["multinomial", "complement"], default="multinomial")
    ap.add_argument("--ngram-max", type=int, default=2)
    ap.add_argument("--binary", action="store_true")
    ap.add_argument("--alpha", type=float, default=1.0)
    # Joulin et al. 2016 ("Bag of Tricks for Efficient Text Classification", sentiment sets):
    # 10 hidden units, 5 epochs, learning rate picked from {0.05, 0.1, 0.25, 0.5}; not tuned here.
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pred", help="write predicted labels here, one per line")
    args = ap.parse_args()

    build = sklearn_model(args) if args.tool == "sklearn" else fasttext_model(args)
    train_s = predict_s = 0.0
    if args.data:
        texts, labels = read_jsonl(args.data)
        folds = read_folds(args.folds)
        assert len(folds) == len(texts), "folds file does not match data"
        predicted = [None] * len(texts)
        for k in sorted(set(folds)):
            tr = [i for i, f in enumerate(folds) if f != k]
            te = [i for i, f in enumerate(folds) if f == k]
            t0 = time.perf_counter()
            model = build([texts[i] for i in tr], [labels[i] for i in tr])
            t1 = time.perf_counter()
            for i, p in zip(te, model([texts[i] for i in te])):
                predicted[i] = p
            train_s += t1 - t0
            predict_s += time.perf_counter() - t1
        truth = labels
    else:
        tr_texts, tr_labels = read_jsonl(args.train)
        te_texts, truth = read_jsonl(args.test)
        t0 = time.perf_counter()
        model = build(tr_texts, tr_labels)
        t1 = time.perf_counter()
        predicted = model(te_texts)
        train_s, predict_s = t1 - t0, time.perf_counter() - t1
    accuracy, macro_f1 = scores(truth, predicted)
    if args.pred:
        with open(args.pred, "w") as f:
            f.writelines(p + "\n" for p in predicted)
    json.dump({"tool": args.tool, "accuracy": accuracy, "macroF1": macro_f1,
               "trainSeconds": train_s, "predictSeconds": predict_s}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
