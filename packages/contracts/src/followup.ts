// Follow-up: surveys, schedules, minimum wages, the roadmap ladder and milestones (issue 6).
export {};
