# Western, JSON, asymptotic-bias warnings
args: -m closed -f json data/Western.csv
exit: 0
