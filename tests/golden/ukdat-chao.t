# UKdat Chao 15627.950
args: -f csv -D 10 -m chao data/UKdat.csv
exit: 0
