-- Accounting identities that a source document itself breaks beyond rounding: the printed
-- numbers, extracted completely (no line of the tables involved was quarantined), disagree.
with

checks as (

    select * from {{ ref('int_identity_checks') }}
    {{- only_new_documents() }}

),

documents as (

    select * from {{ ref('stg_disclosures__documents') }}
    {{- only_new_documents() }}

),

final as (

    select
        checks.check_id as finding_id,
        checks.document_id,
        checks.rule_id,
        checks.table_name,
        checks.subject_code,
        checks.expected_wan,
        checks.actual_wan,
        checks.difference_wan,
        checks.message,
        checks.check_key,
        checks.tolerance_wan,
        documents.source_file,
        checks.line_no

    from checks
    left join documents
        on checks.document_id = documents.document_id
    where checks.is_break and checks.is_extraction_complete

)

select * from final
