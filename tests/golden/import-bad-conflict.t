# a person with two genders, both lines named
tool: mse-import
args: -i id -r actor -b year,gender tests/data/bad-records-conflict.csv
exit: 1
