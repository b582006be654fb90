# --resample magic
args: -c bootstrap --resample magic data/Western.csv
exit: 2
