"""Analysis across the estate: what is not agreed and why, decisions, delivery and judgements, and the lists behind
every number."""
