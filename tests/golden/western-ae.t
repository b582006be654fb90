# Western, A:E (base R glm: N 2483.38392)
args: -f csv -D 10 -M A:E data/Western.csv
exit: 0
