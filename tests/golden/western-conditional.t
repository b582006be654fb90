# Western, conditional interval (1420.41796, 2913.96883)
args: -f csv -D 10 -c conditional data/Western.csv
exit: 0
