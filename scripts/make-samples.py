#!/usr/bin/env python3
"""Copies a few dozen Wikinews articles (CC BY 2.5) from ../shared/datasets/wikinews into
samples/wikinews as plain-text files with header lines: the sample corpus `npm start` analyses.
Deterministic: every fourth article of 2019 and 2020 with 500-6,000 characters of text, up to 40."""
import csv, os, re, sys

csv.field_size_limit(10**9)
data = os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'datasets', 'wikinews')
out = os.path.join(os.path.dirname(__file__), '..', 'samples', 'wikinews')
os.makedirs(out, exist_ok=True)
rows = [r for year in ('2019', '2020') for r in csv.DictReader(open(os.path.join(data, f'wikinews_{year}.csv'), newline='', encoding='utf-8')) if 500 <= len(r['text'].strip()) <= 6000]
for n, r in enumerate(rows[::4][:40], 1):
    slug = re.sub(r'[^a-z0-9]+', '-', r['title'].lower()).strip('-')[:60]
    with open(os.path.join(out, f'{n:02d}-{slug}.txt'), 'w', encoding='utf-8') as f:
        f.write(f"Title: {r['title'].strip()}\nDate: {r['date'].strip()}\nSource: Wikinews\nURL: {r['url'].strip()}\n\n")
        f.write(r['text'].strip() + '\n')
