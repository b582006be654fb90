# Artificial_3: the Poisson2, Darroch and Gamma fits run to N = n (R prints 96.2, 96.0001, ...): no MLE
args: -m closed -f csv data/Artificial_3.csv
exit: 0
