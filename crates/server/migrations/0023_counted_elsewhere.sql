-- Chapter 8's *tellen*: what the programme lead counted of an action outside Omzien
-- (the people on a training's attendance list, a website's visitors), per half year
-- and measure, beside what she expected. Added to Omzien's own count on the dashboard.
ALTER TABLE action_expectations ADD COLUMN counted INTEGER CHECK (counted IS NULL OR counted >= 0);
