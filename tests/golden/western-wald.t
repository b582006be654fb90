# Western, Wald interval (1279.05115, 2735.23236)
args: -f csv -D 10 -c wald data/Western.csv
exit: 0
