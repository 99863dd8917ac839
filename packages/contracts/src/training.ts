// Training: courses, cohorts, enrolment, attendance, certificates (issue 6).
export {};
