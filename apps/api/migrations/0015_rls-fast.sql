-- Row-level security, index-friendly: the settings are read once per statement (scalar subqueries become
-- InitPlans instead of a call per row), and child tables check their parent row by key (EXISTS, one index
-- lookup per row returned) instead of building the set of every visible parent. Same rules as 0008/0010/0012.
ALTER POLICY person_unit_scope ON person_unit USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
ALTER POLICY person_scope ON person
  USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR registered_unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid)
         OR EXISTS (SELECT 1 FROM person_unit pu WHERE pu.person_id = person.id AND pu.unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid)))
  WITH CHECK ((SELECT current_setting('atensi.scope', true)) = 'all' OR registered_unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid)
         OR EXISTS (SELECT 1 FROM person_unit pu WHERE pu.person_id = person.id AND pu.unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid)));
--> statement-breakpoint
ALTER POLICY person_alias_scope ON person_alias
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_alias.person_id));
--> statement-breakpoint
ALTER POLICY person_kk_scope ON person_kk
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_kk.person_id));
--> statement-breakpoint
ALTER POLICY person_phone_scope ON person_phone
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_phone.person_id));
--> statement-breakpoint
ALTER POLICY person_relation_scope ON person_relation
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_relation.person_id));
--> statement-breakpoint
ALTER POLICY person_cluster_scope ON person_cluster
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_cluster.person_id));
--> statement-breakpoint
ALTER POLICY person_ppks_scope ON person_ppks
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_ppks.person_id));
--> statement-breakpoint
ALTER POLICY person_consent_scope ON person_consent
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_consent.person_id));
--> statement-breakpoint
ALTER POLICY person_document_scope ON person_document
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_document.person_id));
--> statement-breakpoint
ALTER POLICY person_sensitive_scope ON person_sensitive
  USING ((SELECT current_setting('atensi.role', true)) IN ('kepala_upt', 'pekerja_sosial')
         AND EXISTS (SELECT 1 FROM person p WHERE p.id = person_sensitive.person_id));
--> statement-breakpoint
ALTER POLICY person_merge_scope ON person_merge
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_merge.survivor_id)
         AND EXISTS (SELECT 1 FROM person p WHERE p.id = person_merge.merged_id));
--> statement-breakpoint
ALTER POLICY person_distinct_scope ON person_distinct
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = person_distinct.person_a)
         AND EXISTS (SELECT 1 FROM person p WHERE p.id = person_distinct.person_b));
--> statement-breakpoint
ALTER POLICY import_mapping_scope ON import_mapping USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
ALTER POLICY import_job_scope ON import_job USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
ALTER POLICY import_row_scope ON import_row
  USING (EXISTS (SELECT 1 FROM import_job j WHERE j.id = import_row.job_id));
--> statement-breakpoint
ALTER POLICY case_record_scope ON case_record USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
ALTER POLICY case_stage_event_scope ON case_stage_event
  USING (EXISTS (SELECT 1 FROM case_record c WHERE c.id = case_stage_event.case_id));
--> statement-breakpoint
ALTER POLICY case_assessment_scope ON case_assessment
  USING (EXISTS (SELECT 1 FROM case_record c WHERE c.id = case_assessment.case_id));
--> statement-breakpoint
ALTER POLICY case_plan_scope ON case_plan
  USING (EXISTS (SELECT 1 FROM case_record c WHERE c.id = case_plan.case_id));
--> statement-breakpoint
ALTER POLICY case_service_scope ON case_service
  USING (EXISTS (SELECT 1 FROM case_record c WHERE c.id = case_service.case_id));
--> statement-breakpoint
ALTER POLICY case_task_scope ON case_task
  USING (EXISTS (SELECT 1 FROM case_record c WHERE c.id = case_task.case_id));
--> statement-breakpoint
ALTER POLICY case_plan_item_scope ON case_plan_item
  USING (EXISTS (SELECT 1 FROM case_plan p WHERE p.id = case_plan_item.plan_id));
--> statement-breakpoint
ALTER POLICY case_note_scope ON case_note
  USING (EXISTS (SELECT 1 FROM case_record c WHERE c.id = case_note.case_id
                 AND (NOT case_note.is_confidential
                      OR case_note.author_id = (SELECT NULLIF(current_setting('atensi.user_id', true), '')::uuid)
                      OR (SELECT current_setting('atensi.role', true)) = 'kepala_upt'
                      OR c.worker_id = (SELECT NULLIF(current_setting('atensi.user_id', true), '')::uuid))));
--> statement-breakpoint
ALTER POLICY referral_scope ON referral
  USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR from_unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid) OR to_unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
