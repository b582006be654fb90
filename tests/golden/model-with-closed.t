# --model with -m chao
args: -m chao -M A:B data/Western.csv
exit: 2
