"""หน้าเว็บ · PlanLink's server-rendered Thai web application (HTMX, no front-end framework).

An interface layer: it imports the domain (plans, referrals, cycles, accounts …);
the domain never imports it. Views parse input with forms, go through one
``planlink.accounts.access`` function and one service, and render.
"""
