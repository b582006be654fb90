# --merge PF,NCA=PFNCA on UKdat's records as 0/1 columns
tool: mse-import
args: -f csv -m PF,NCA=PFNCA tests/data/good-records-ukdat.csv
exit: 0
