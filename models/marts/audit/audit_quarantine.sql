-- What the loaders could not parse: documents, tables and lines set aside, with file, line
-- and reason. Nothing is dropped silently.
with

quarantine as (

    select * from {{ ref('stg_disclosures__quarantine') }}

),

final as (

    select
        {{ dbt.hash("source_file || '|' || cast(line_no as varchar) || '|' || reason") }} as quarantine_id,
        document_id,
        source_file,
        line_no,
        family,
        reason,
        line_text

    from quarantine

)

select * from final
