# --classes with -m dga
args: -m dga --classes 5 data/Congenital.csv
exit: 2
