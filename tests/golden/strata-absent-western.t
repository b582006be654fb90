# --absent A:B,B:E on a plain table
args: -f csv -D 10 --absent A:B,B:E -M A:E data/Western.csv
exit: 0
