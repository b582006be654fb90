# Kosovo, 90% level
args: -f csv -D 10 -L 0.9 data/Kosovo.csv
exit: 0
