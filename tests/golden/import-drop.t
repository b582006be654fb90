# --drop leaves a list and its only-seen units out
tool: mse-import
args: -f csv -i id -r actor -x ROSA tests/data/good-records-reports.csv
exit: 0
