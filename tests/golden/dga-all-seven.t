# dga --graphs all on 8 lists is refused
args: -m dga --graphs all data/NewOrl.csv
exit: 1
