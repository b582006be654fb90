# mse-table: HTML escapes text, a caption in tfoot
tool: mse-table
args: -f html -T 'a <b> & "c"' -C "it's" tests/data/evil-models.csv
exit: 0
