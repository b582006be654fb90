# --posterior needs -m dga
args: --posterior post.csv data/Western.csv
exit: 2
