"""The pages people see: sign in, the plans they may see, each plan as published."""
