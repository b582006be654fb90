# tsv output
tool: mse-import
args: -f tsv -i id -r actor -b gender tests/data/good-records-reports.csv
exit: 0
