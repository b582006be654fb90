# dga --prior-n with a bad value
args: -m dga --prior-n poisson data/Congenital.csv
exit: 2
