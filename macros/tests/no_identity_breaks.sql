{#-
    Generic test over an identity-check model: the checks of the given rules (all when
    rule_ids is empty) that break beyond tolerance. Used twice with different severities:
    breaks in completely extracted tables are the document's own printing errors (warn; they
    are listed in audit_findings), breaks where the loader quarantined a line of a table
    involved are extraction errors (error).
-#}
{% test no_identity_breaks(model, extraction_complete, rule_ids=[]) %}

select *
from {{ model }}
where
    is_break
    and is_extraction_complete = {{ 'true' if extraction_complete else 'false' }}
    {% if rule_ids %}
        and rule_id in ({% for r in rule_ids %}'{{ r }}'{{ ', ' if not loop.last }}{% endfor %})
    {% endif %}

{% endtest %}
