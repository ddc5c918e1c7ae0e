import { mount } from 'svelte'
import '../lib/base.css'
import Building from '../lib/Building.svelte'
import { S } from '../lib/strings'

export default mount(Building, { target: document.getElementById('app')!, props: { title: S.pageReports } })
