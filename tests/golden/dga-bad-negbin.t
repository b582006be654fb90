# dga --prior-n negbin with one number
args: -m dga --prior-n negbin:2 data/Congenital.csv
exit: 2
