# UKdat Zelterman 15603.022
args: -f csv -D 10 -m zelterman data/UKdat.csv
exit: 0
