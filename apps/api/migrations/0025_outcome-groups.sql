-- Reserved; filled later in this stop.
select 1;
