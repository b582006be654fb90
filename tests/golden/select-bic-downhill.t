# 8 lists at order 2: too many models, downhill search
args: -f csv -D 10 -s bic data/NewOrl.csv
exit: 0
