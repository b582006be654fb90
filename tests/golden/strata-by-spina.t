# --by eth: a list that saw nobody is left out, a stratum with no MLE still printed
args: -f csv -D 10 --by eth data/spina_eth.csv
exit: 0
