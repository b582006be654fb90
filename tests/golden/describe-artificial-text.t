# Artificial_3 as text: warnings in the report
tool: mse-describe
args: -f text data/Artificial_3.csv
exit: 0
