"""Deadlines of agreements: follow-ups, notice and extension dates, expiry.

``model`` is the one place that reads the agreement's follow-up and money
fields; ``terms`` reads and checks the dates; ``schedule`` lists what is due.
"""
