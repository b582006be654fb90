# --subgroups gender --within year: the layout of the UNODC reports, each gender within each year, in aligned text, with list x covariate terms in the model
# tolerance: the default 1e-9 (see subgroups-year-gender.t)
args: -f text --covariates year,gender -M 'Politiet:gender + UDI:year' --subgroups gender --within year -B 100 --seed 3 --threads 2 tests/data/kom-year-gender.csv
exit: 0
