-- Training (issue 6): placeholder, filled by the training change.
SELECT 1;
