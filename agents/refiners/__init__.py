"""Refiners: each checks a finished draft against one concern and repairs what it can.

A refiner takes the reply text and returns it with the list of changes it made (empty when
the draft was fine). ``agents.refine`` plans which ones a turn needs and runs them in order.
"""
