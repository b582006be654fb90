# --subgroups: every year, every gender and every year x gender of one covariate model (main effects), with percentile intervals from one parametric bootstrap of 200 replicates (Cruyff's boot_mse); observed and estimate are sums of the model's strata (tests/cli/subgroups.sh checks them against R glm)
# tolerance: the default 1e-9: the draws are GSL's mt19937 and multinomial, exact; the refits agree to about 1e-12
args: -f csv -D 10 --covariates year,gender --subgroups year,gender -B 200 --seed 7 --threads 1 tests/data/kom-year-gender.csv
exit: 0
