# stepwise on Ned_5 adds K:R at -inf (methods note 2)
args: -f csv -D 10 -s stepwise data/Ned_5.csv
exit: 0
