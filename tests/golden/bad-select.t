# --select magic
args: -s magic data/Western.csv
exit: 2
