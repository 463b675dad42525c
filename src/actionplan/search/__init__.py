"""Full-text search over plans, recommendations, responses, actions and progress, within what each person may read."""
