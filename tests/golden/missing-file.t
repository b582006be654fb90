# missing file
args: data/no-such-file.csv
exit: 1
