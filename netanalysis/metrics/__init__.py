"""Metrics: every function takes graphs or edge/actor tables and returns a DataFrame.

==========================  ==================================================
module                      functions
==========================  ==================================================
``centrality``              :func:`centrality` (degree, strength, closeness, eigenvector, …)
``betweenness``             :func:`betweenness` (exact, through blocks, or sampled)
``summaries``               :func:`summarise_by`, :func:`top_actors`
``persistence``             :func:`dyad_persistence`, :func:`persistence_by_type_pair`,
                            :func:`persistence_by_actor`
``survival``                :func:`repeat_survival`, :func:`time_to_repeat`,
                            :func:`tie_survival`, :func:`survival_curve`
``openness``                :func:`regional_openness`, :func:`openness_by_region`, :func:`tie_openness`
``mixing``                  :func:`type_mixing`, :func:`mixing_matrix`, :func:`assortativity`
``brokerage``               :func:`brokerage`, :func:`brokerage_by_group`
``nullmodel``               :func:`bipartite_null_model`, :func:`betweenness_null_model`,
                            :func:`mixing_null_model`, :func:`null_models` (both bipartite ones at once)
``evolution``               :func:`network_by_period`
``communities``             :func:`communities`, :func:`cluster_summary`
``periods``                 :func:`compare_periods`, :func:`mean_tie_year`
``drilldown``               :func:`patents_between`, :func:`patents_of`,
                            :func:`technology_profile`
``specialisation``          :func:`class_column`, :func:`region_technology_counts`, :func:`rca`,
                            :func:`relatedness`, :func:`relatedness_density`,
                            :func:`knowledge_complexity`
``triple_helix``            :func:`triple_helix`, :func:`uig_mutual_information`
``inventor_regions``        :func:`inventor_region_shares`, :func:`co_inventor_flows`,
                            :func:`invention_vs_ownership`
``bursts``                  :func:`kleinberg_bursts`, :func:`actor_bursts`, :func:`tie_bursts`,
                            :func:`class_bursts`, :func:`all_bursts`, :func:`timeline_table`
==========================  ==================================================

:func:`as_igraph` and :func:`as_networkx` turn either kind of graph into the other.
"""

from .._deprecation import renamed_attributes
from ..schema import BROKERAGE_ROLES, OPENNESS_CATEGORIES
from ._graph import as_igraph, as_networkx
from .brokerage import brokerage, brokerage_by_group
from .bursts import actor_bursts, all_bursts, class_bursts, kleinberg_bursts, tie_bursts, timeline_table
from .centrality import betweenness, centrality
from .communities import cluster_summary, communities
from .drilldown import patents_between, patents_of, technology_profile
from .evolution import network_by_period
from .inventor_regions import co_inventor_flows, invention_vs_ownership, inventor_region_shares
from .mixing import assortativity, mixing_matrix, type_mixing
from .nullmodel import betweenness_null_model, bipartite_null_model, mixing_null_model, null_models
from .openness import actors_by_region, openness_by_region, region_ties, regional_openness, tie_openness
from .periods import compare_periods, mean_tie_year
from .persistence import dyad_persistence, persistence_by_actor, persistence_by_type_pair, type_pair
from .specialisation import (
    class_column,
    knowledge_complexity,
    rca,
    region_technology_counts,
    relatedness,
    relatedness_density,
)
from .summaries import summarise_by, top_actors
from .survival import repeat_survival, survival_curve, tie_survival, time_to_repeat
from .triple_helix import triple_helix, uig_mutual_information

__getattr__ = renamed_attributes(__name__, {
    "CATEGORIES": ("netanalysis.schema.OPENNESS_CATEGORIES", OPENNESS_CATEGORIES),
    "ROLES": ("netanalysis.schema.BROKERAGE_ROLES", BROKERAGE_ROLES),
})

__all__ = [
    "actor_bursts",
    "actors_by_region",
    "all_bursts",
    "as_igraph",
    "as_networkx",
    "assortativity",
    "betweenness",
    "betweenness_null_model",
    "bipartite_null_model",
    "brokerage",
    "brokerage_by_group",
    "centrality",
    "class_bursts",
    "class_column",
    "cluster_summary",
    "co_inventor_flows",
    "communities",
    "compare_periods",
    "dyad_persistence",
    "invention_vs_ownership",
    "inventor_region_shares",
    "kleinberg_bursts",
    "knowledge_complexity",
    "mean_tie_year",
    "mixing_matrix",
    "mixing_null_model",
    "network_by_period",
    "null_models",
    "openness_by_region",
    "patents_between",
    "patents_of",
    "persistence_by_actor",
    "persistence_by_type_pair",
    "rca",
    "region_technology_counts",
    "region_ties",
    "regional_openness",
    "relatedness",
    "relatedness_density",
    "repeat_survival",
    "summarise_by",
    "survival_curve",
    "technology_profile",
    "tie_bursts",
    "tie_openness",
    "tie_survival",
    "time_to_repeat",
    "timeline_table",
    "top_actors",
    "triple_helix",
    "type_mixing",
    "type_pair",
    "uig_mutual_information",
]
