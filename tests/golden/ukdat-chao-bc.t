# UKdat Chao bias-corrected
args: -f csv -D 10 -m chao -b data/UKdat.csv
exit: 0
